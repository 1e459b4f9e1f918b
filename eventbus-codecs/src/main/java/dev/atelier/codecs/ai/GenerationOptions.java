package dev.atelier.codecs.ai;

import static dev.atelier.codecs.Checks.range;

/** The image's size in pixels; either left out takes {@value #DEFAULT_SIZE}. */
public record GenerationOptions(Integer width, Integer height) {
  public static final int DEFAULT_SIZE = 1024;
  public static final int MIN_SIZE = 64;
  public static final int MAX_SIZE = 2048;
  public static final GenerationOptions DEFAULT = new GenerationOptions(DEFAULT_SIZE, DEFAULT_SIZE);

  public GenerationOptions {
    width = width == null ? DEFAULT_SIZE : (int) range("options.width", width, MIN_SIZE, MAX_SIZE);
    height = height == null ? DEFAULT_SIZE : (int) range("options.height", height, MIN_SIZE, MAX_SIZE);
  }
}
