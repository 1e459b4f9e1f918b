package dev.atelier.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atelier.codecs.Failure;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class LedgerCursorTest {
  @Test
  @DisplayName("a cursor reads back as the entry it was made from, to the microsecond and beyond")
  void roundTrip() {
    var cursor = new LedgerCursor(Instant.parse("2026-12-02T10:15:30.123456Z"), UUID.randomUUID());
    assertThat(LedgerCursor.decode(cursor.encode())).isEqualTo(cursor);
    assertThat(LedgerCursor.decode(null)).isNull();
  }

  @Test
  @DisplayName("a cursor we did not hand out is INVALID naming cursor")
  void forged() {
    assertThatThrownBy(() -> LedgerCursor.decode("not-a-cursor"))
        .isInstanceOfSatisfying(Failure.class, f -> assertThat(f.field()).isEqualTo("cursor"));
  }
}
