package dev.atelier.codecs.catalog;

/** A variant as clients see it. */
public record VariantView(String sku, String name, long priceCents, int stock) {}
