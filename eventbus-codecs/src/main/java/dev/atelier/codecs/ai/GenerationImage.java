package dev.atelier.codecs.ai;

import static dev.atelier.codecs.Checks.required;

import java.util.Arrays;

/** A job's result: the bytes and their media type ({@code image/png}). */
public record GenerationImage(String contentType, byte[] bytes) {
  public GenerationImage {
    required("contentType", contentType);
    required("bytes", bytes);
  }

  // a record compares arrays by reference; two images are equal when their bytes are
  @Override
  public boolean equals(Object o) {
    return o instanceof GenerationImage other && contentType.equals(other.contentType) && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return 31 * contentType.hashCode() + Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return "GenerationImage[" + contentType + ", " + bytes.length + " bytes]";
  }
}
