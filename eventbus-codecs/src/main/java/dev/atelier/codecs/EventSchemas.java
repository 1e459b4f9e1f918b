package dev.atelier.codecs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Where the JSON Schema of each event type lives on the class path: {@code events/<type>.schema.json},
 * beside {@code events/envelope.schema.json} for the envelope they all travel in. The name cannot
 * clash with a topic's, since a type always has a dot. Each schema's {@code $id} is its path under
 * {@value #BASE}, so a validator can map one to the other. Checked against the records by
 * EventSchemaContractTest; no validator here, so a service that only reads the schemas pulls none in.
 */
public final class EventSchemas {
  public static final String FOLDER = "events/";
  public static final String ENVELOPE = FOLDER + "envelope.schema.json";
  public static final String BASE = "https://atelier.dev/";

  private EventSchemas() {}

  public static String resource(Topic<?> topic) {
    return FOLDER + topic.type() + ".schema.json";
  }

  /** The {@code $id} a schema at this class path declares. */
  public static String id(String resource) {
    return BASE + resource;
  }

  /** The schema's text; an event type without one is a bug in the build, not a state to handle. */
  public static String read(String resource) {
    try (InputStream in = EventSchemas.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("no JSON Schema on the class path at " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
