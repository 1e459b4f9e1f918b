package dev.atelier.codecs;

import dev.atelier.codecs.catalog.CreateProduct;
import dev.atelier.codecs.catalog.DeleteProduct;
import dev.atelier.codecs.catalog.GetProduct;
import dev.atelier.codecs.catalog.ListProducts;
import dev.atelier.codecs.catalog.ProductCreated;
import dev.atelier.codecs.catalog.ProductDeleted;
import dev.atelier.codecs.catalog.ProductDocument;
import dev.atelier.codecs.catalog.ProductDraft;
import dev.atelier.codecs.catalog.ProductField;
import dev.atelier.codecs.catalog.ProductLookup;
import dev.atelier.codecs.catalog.ProductPage;
import dev.atelier.codecs.catalog.ProductPatch;
import dev.atelier.codecs.catalog.ProductUpdated;
import dev.atelier.codecs.catalog.ProductView;
import dev.atelier.codecs.catalog.UpdateProduct;
import dev.atelier.codecs.catalog.VariantDraft;
import dev.atelier.codecs.catalog.VariantView;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** One fixed instance of every message record: what the golden files hold. */
final class Samples {
  static final UUID PRODUCT = UUID.fromString("0b7e1c52-1d0e-4c51-9a53-6a2f3a0f9c01");
  static final UUID MERCHANT = UUID.fromString("5f0c2a77-8a43-4f6e-b1d2-3c4d5e6f7a80");
  static final Instant AT = Instant.parse("2026-11-23T10:15:30.123456Z");

  static final ProductView VIEW = new ProductView(PRODUCT, MERCHANT, "Oak chair", "Solid oak", 4_900L, "EUR",
      List.of("furniture", "oak"), 12, null, 3L, AT, AT, List.of(new VariantView("CH-RED", "Red", 5_100, 2)));
  static final ProductDraft DRAFT = new ProductDraft("Oak chair", "Solid oak", 4_900L, "EUR", List.of("furniture"), 12,
      List.of(new VariantDraft("CH-RED", "Red", 5_100L, 2)));

  static Map<Class<?>, Object> all() {
    var samples = new LinkedHashMap<Class<?>, Object>();
    samples.put(GetProduct.class, new GetProduct(PRODUCT, true));
    samples.put(ProductLookup.class, new ProductLookup(VIEW, true));
    samples.put(ProductDocument.class, new ProductDocument(ContractJson.toBytes(VIEW.withoutVariants()), true));
    samples.put(ListProducts.class, new ListProducts("oak", MERCHANT, EnumSet.of(ProductField.ID, ProductField.NAME), 20, null));
    samples.put(ProductPage.class, new ProductPage(List.of(VIEW.withoutVariants()), "bmV4dA"));
    samples.put(CreateProduct.class, new CreateProduct(MERCHANT, DRAFT));
    samples.put(ProductView.class, VIEW);
    samples.put(UpdateProduct.class, new UpdateProduct(PRODUCT, MERCHANT,
        new ProductPatch(null, null, 3_900L, null, null, null, null)));
    samples.put(DeleteProduct.class, new DeleteProduct(PRODUCT, MERCHANT));
    samples.put(ProductDeleted.class, new ProductDeleted(PRODUCT, MERCHANT));
    samples.put(ProductCreated.class, new ProductCreated(VIEW));
    samples.put(ProductUpdated.class, new ProductUpdated(VIEW));
    return samples;
  }
}
