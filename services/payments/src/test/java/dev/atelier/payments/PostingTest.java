package dev.atelier.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PostingTest {
  private static final UUID WALLET = UUID.randomUUID();
  private static final UUID OTHER = UUID.randomUUID();

  private static Posting posting(Posting.Entry... entries) {
    return new Posting(UUID.randomUUID(), Posting.Kind.TOP_UP, null, "EUR", List.of(entries));
  }

  @Test
  @DisplayName("a transfer takes the amount from one account and gives it to the other: two entries summing to zero")
  void transfer() {
    Posting p = Posting.transfer(Posting.Kind.HOLD, OTHER, "EUR", WALLET, SystemAccount.ESCROW.id(), 4_900);

    assertThat(p.entries()).containsExactly(new Posting.Entry(WALLET, -4_900), new Posting.Entry(SystemAccount.ESCROW.id(), 4_900));
    assertThat(p.kind().wire()).isEqualTo("hold");
    assertThat(p.reference()).isEqualTo(OTHER);
  }

  @Test
  @DisplayName("an unbalanced set of entries is refused, naming what it sums to")
  void unbalancedRefused() {
    assertThatThrownBy(() -> posting(new Posting.Entry(WALLET, 100), new Posting.Entry(OTHER, -99)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sum to 1");
  }

  @Test
  @DisplayName("three entries may share a movement as long as they sum to zero")
  void manyEntriesBalance() {
    Posting p = posting(new Posting.Entry(WALLET, 100), new Posting.Entry(OTHER, -60), new Posting.Entry(SystemAccount.SALES.id(), -40));
    assertThat(p.entries()).hasSize(3);
  }

  @Test
  @DisplayName("a posting needs two entries, and no entry moves zero")
  void degenerate() {
    assertThatThrownBy(() -> posting(new Posting.Entry(WALLET, 100))).hasMessageContaining("at least two entries");
    assertThatThrownBy(() -> posting()).hasMessageContaining("at least two entries");
    assertThatThrownBy(() -> new Posting.Entry(WALLET, 0)).hasMessageContaining("must not be 0");
  }

  @Test
  @DisplayName("entries that would overflow when summed are refused, not wrapped round to zero")
  void overflowRefused() {
    assertThatThrownBy(() -> posting(new Posting.Entry(WALLET, Long.MAX_VALUE), new Posting.Entry(OTHER, Long.MAX_VALUE),
        new Posting.Entry(SystemAccount.SALES.id(), 2)))
        .isInstanceOf(ArithmeticException.class);
  }

  @Test
  @DisplayName("a transfer moves more than zero between two different accounts")
  void transferRules() {
    assertThatThrownBy(() -> Posting.transfer(Posting.Kind.TOP_UP, null, "EUR", OTHER, WALLET, 0)).hasMessageContaining("more than 0");
    assertThatThrownBy(() -> Posting.transfer(Posting.Kind.TOP_UP, null, "EUR", OTHER, WALLET, -5)).hasMessageContaining("more than 0");
    assertThatThrownBy(() -> Posting.transfer(Posting.Kind.TOP_UP, null, "EUR", WALLET, WALLET, 5)).hasMessageContaining("itself");
  }

  @Test
  @DisplayName("kinds read as the ledger writes them")
  void kindsOnTheWire() {
    assertThat(Posting.Kind.GIFT_CARD.wire()).isEqualTo("gift_card");
    assertThat(Posting.Kind.fromWire("top_up")).isEqualTo(Posting.Kind.TOP_UP);
  }
}
