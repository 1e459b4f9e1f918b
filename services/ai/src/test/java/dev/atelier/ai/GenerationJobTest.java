package dev.atelier.ai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atelier.codecs.ai.GenerationStatus;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class GenerationJobTest {
  private static GenerationJob queued() {
    return new GenerationJob(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), "image", null, 512, 512,
        "Oak chair", 12_000, "EUR", List.of("oak"), GenerationStatus.QUEUED, 0, 0, null, null, Instant.EPOCH, Instant.EPOCH);
  }

  @Test
  @DisplayName("queued → running → succeeded, counting attempts, with the result's URL only then")
  void happyPath() {
    var running = queued().start();
    assertThat(running.status()).isEqualTo(GenerationStatus.RUNNING);
    assertThat(running.attempts()).isEqualTo(1);
    assertThat(running.progress()).isEqualTo(GenerationJob.STARTED);
    assertThat(running.resultUrl()).isNull();
    var done = running.rendered().succeeded("generations/x.png");
    assertThat(done.status()).isEqualTo(GenerationStatus.SUCCEEDED);
    assertThat(done.progress()).isEqualTo(100);
    assertThat(done.resultUrl()).isEqualTo("/api/ai/generations/" + done.id() + "/result");
    assertThat(done.canStart()).isFalse();
    assertThatThrownBy(done::start).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> done.failed("late")).isInstanceOf(IllegalStateException.class);
  }

  @Test
  @DisplayName("a failed attempt goes back to queued with the error; the last one fails; a failed job may run again")
  void retriesThenFails() {
    var retrying = queued().start().retrying("model answered 500");
    assertThat(retrying.status()).isEqualTo(GenerationStatus.QUEUED);
    assertThat(retrying.error()).isEqualTo("attempt 1 failed, retrying: model answered 500");
    var failed = retrying.start().failed("model answered 500");
    assertThat(failed.status()).isEqualTo(GenerationStatus.FAILED);
    assertThat(failed.attempts()).isEqualTo(2);
    assertThat(failed.error()).isEqualTo("model answered 500");
    assertThat(failed.start().status()).isEqualTo(GenerationStatus.RUNNING);  // a replayed dead letter
    assertThat(failed.start().error()).isNull();
  }

  @Test
  @DisplayName("only a running job records progress, succeeds or retries; errors are cut to a bounded length")
  void guards() {
    assertThatThrownBy(() -> queued().succeeded("k")).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> queued().retrying("e")).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> queued().rendered()).isInstanceOf(IllegalStateException.class);
    assertThat(queued().start().failed("x".repeat(5_000)).error()).hasSize(GenerationJob.MAX_ERROR);
    assertThat(queued().start().failed(null).error()).isEqualTo("unknown error");
  }
}
