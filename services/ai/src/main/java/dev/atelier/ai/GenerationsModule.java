package dev.atelier.ai;

import dev.atelier.runtime.service.NodeRole;
import dev.atelier.runtime.service.ServiceModule;
import io.vertx.core.Deployable;

/**
 * The generation workers as their own module of role {@code workers}: operators scale them apart
 * from the API ({@code generations.instances}), or run nodes of nothing else. Their progress and
 * results go through the AI schema's outbox, so a workers-only node runs that relay too.
 */
public final class GenerationsModule implements ServiceModule {
  @Override
  public String name() {
    return GenerationWorkerVerticle.NAME;
  }

  @Override
  public NodeRole role() {
    return NodeRole.WORKERS;
  }

  @Override
  public Deployable newVerticle() {
    return new GenerationWorkerVerticle();
  }

  @Override
  public String outboxSchema() {
    return AiVerticle.SERVICE;
  }
}
