package dev.atelier.codecs.ops;

/** A page of parked messages, of one work queue or (null) of all. */
public record ListDeadLetters(String queue, int limit) {
  public static final int DEFAULT_LIMIT = 50;
  public static final int MAX_LIMIT = 500;
}
