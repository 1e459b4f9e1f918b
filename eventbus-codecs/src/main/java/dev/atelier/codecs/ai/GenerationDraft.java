package dev.atelier.codecs.ai;

import static dev.atelier.codecs.Checks.optionalText;
import static dev.atelier.codecs.Checks.required;

import dev.atelier.codecs.Failure;
import java.util.UUID;

/** The body of POST /api/ai/generations: what to make, for which of the merchant's products. */
public record GenerationDraft(UUID productId, String kind, String prompt, GenerationOptions options) {
  /** The only kind so far: a product image (PNG). */
  public static final String IMAGE = "image";
  public static final int PROMPT_MAX = 1000;

  public GenerationDraft {
    required("productId", productId);
    required("kind", kind);
    if (!kind.equals(IMAGE)) {
      throw Failure.invalid("kind", "must be 'image'");
    }
    prompt = optionalText("prompt", prompt, PROMPT_MAX);
    options = options == null ? GenerationOptions.DEFAULT : options;
  }
}
