package dev.atelier.codecs.ai;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Where a generation job stands; SUCCEEDED and FAILED are final (a replayed dead letter runs a FAILED job again). */
public enum GenerationStatus {
  @JsonProperty("queued") QUEUED,
  @JsonProperty("running") RUNNING,
  @JsonProperty("succeeded") SUCCEEDED,
  @JsonProperty("failed") FAILED;

  /** The lower-case name the API, the events and the table use. */
  public String wire() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  public static GenerationStatus ofWire(String value) {
    return valueOf(value.toUpperCase(java.util.Locale.ROOT));
  }
}
