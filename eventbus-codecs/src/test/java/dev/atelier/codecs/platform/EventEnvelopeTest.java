package dev.atelier.codecs.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atelier.codecs.ContractJson;
import dev.atelier.codecs.Failure;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class EventEnvelopeTest {
  private static final UUID ID = UUID.randomUUID();
  private static final Instant AT = Instant.parse("2026-12-02T10:15:30Z");

  @Test
  @DisplayName("absent correlation and causation ids are left out of the JSON and read back as null")
  void optionalTracing() {
    var envelope = new EventEnvelope(ID, "product.deleted", 1, AT, null, null, ID, ContractJson.mapper().createObjectNode());
    String json = ContractJson.toText(envelope);
    assertThat(json).doesNotContain("correlationId").doesNotContain("causationId");
    assertThat(ContractJson.fromText(json, EventEnvelope.class)).isEqualTo(envelope);
  }

  @Test
  @DisplayName("id, type, occurredAt, aggregateId and payload are required, and version starts at 1")
  void required() {
    var payload = ContractJson.mapper().createObjectNode();
    assertThatThrownBy(() -> new EventEnvelope(null, "product.deleted", 1, AT, null, null, ID, payload)).isInstanceOf(Failure.class);
    assertThatThrownBy(() -> new EventEnvelope(ID, null, 1, AT, null, null, ID, payload)).isInstanceOf(Failure.class);
    assertThatThrownBy(() -> new EventEnvelope(ID, "product.deleted", 1, null, null, null, ID, payload)).isInstanceOf(Failure.class);
    assertThatThrownBy(() -> new EventEnvelope(ID, "product.deleted", 1, AT, null, null, null, payload)).isInstanceOf(Failure.class);
    assertThatThrownBy(() -> new EventEnvelope(ID, "product.deleted", 1, AT, null, null, ID, null)).isInstanceOf(Failure.class);
    assertThatThrownBy(() -> new EventEnvelope(ID, "product.deleted", 0, AT, null, null, ID, payload)).isInstanceOf(Failure.class);
  }
}
