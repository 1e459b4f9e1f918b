package dev.atelier.ai;

/** A product the local index found close to another, and how close (0..1). */
record Similar(ProductCopy product, double score) {}
