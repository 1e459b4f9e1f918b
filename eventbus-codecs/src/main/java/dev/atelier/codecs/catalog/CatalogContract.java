package dev.atelier.codecs.catalog;

import dev.atelier.codecs.Address;
import dev.atelier.codecs.ContractJson;
import dev.atelier.codecs.ServiceContract;
import dev.atelier.codecs.Topic;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The catalog's contract for discovery: CatalogApi plus one sample of each record. */
public final class CatalogContract implements ServiceContract {
  private static final UUID PRODUCT = UUID.fromString("0b7e1c52-1d0e-4c51-9a53-6a2f3a0f9c01");
  private static final UUID MERCHANT = UUID.fromString("5f0c2a77-8a43-4f6e-b1d2-3c4d5e6f7a80");
  private static final Instant AT = Instant.parse("2026-11-23T10:15:30.123456Z");

  @Override
  public String service() {
    return "catalog";
  }

  @Override
  public List<Address<?, ?>> addresses() {
    return CatalogApi.ADDRESSES;
  }

  @Override
  public List<Topic<?>> topics() {
    return CatalogApi.TOPICS;
  }

  @Override
  public Map<Class<?>, Object> samples() {
    var view = new ProductView(PRODUCT, MERCHANT, "Oak chair", "Solid oak", 4_900L, "EUR",
        List.of("furniture", "oak"), 12, null, 3L, AT, AT, List.of(new VariantView("CH-RED", "Red", 5_100, 2)));
    var draft = new ProductDraft("Oak chair", "Solid oak", 4_900L, "EUR", List.of("furniture"), 12,
        List.of(new VariantDraft("CH-RED", "Red", 5_100L, 2)));
    var samples = new LinkedHashMap<Class<?>, Object>();
    samples.put(GetProduct.class, new GetProduct(PRODUCT, true));
    samples.put(ProductLookup.class, new ProductLookup(view, true));
    samples.put(ProductDocument.class, new ProductDocument(ContractJson.toBytes(view.withoutVariants()), true));
    samples.put(ListProducts.class, new ListProducts("oak", MERCHANT, EnumSet.of(ProductField.ID, ProductField.NAME), 20, null));
    samples.put(ProductPage.class, new ProductPage(List.of(view.withoutVariants()), "bmV4dA"));
    samples.put(CreateProduct.class, new CreateProduct(MERCHANT, draft));
    samples.put(ProductView.class, view);
    samples.put(UpdateProduct.class, new UpdateProduct(PRODUCT, MERCHANT,
        new ProductPatch(null, null, 3_900L, null, null, null, null)));
    samples.put(DeleteProduct.class, new DeleteProduct(PRODUCT, MERCHANT));
    samples.put(ProductDeleted.class, new ProductDeleted(PRODUCT, MERCHANT));
    samples.put(ProductCreated.class, new ProductCreated(view));
    samples.put(ProductUpdated.class, new ProductUpdated(view));
    UUID order = UUID.fromString("5f0c7f4e-6a1d-4c43-9f5e-2b1d6f1e8a01");
    samples.put(StockReserved.class, new StockReserved(order));
    samples.put(StockRejected.class, new StockRejected(order, PRODUCT, "CH-RED"));
    samples.put(StockReleased.class, new StockReleased(order));
    return samples;
  }
}
