package dev.atelier.codecs.ops;

import static dev.atelier.codecs.Checks.range;

/** A page of parked messages, oldest first, of one work queue or (null) of all; {@code cursor} from the previous page. */
public record ListDeadLetters(String queue, int limit, String cursor) {
  public static final int DEFAULT_LIMIT = 20;
  public static final int MAX_LIMIT = 100;

  public ListDeadLetters {
    range("limit", limit, 1, MAX_LIMIT);
  }
}
