package dev.atelier.runtime.messaging;

import dev.atelier.runtime.testing.Await;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP forwarder in front of a shared server (this machine's RabbitMQ or PostgreSQL), so a test
 * can take that server away from the code under test only, without stopping it for anyone else.
 */
final class TcpProxy implements AutoCloseable {
  private final Vertx vertx;
  private final int port;
  private final int targetPort;
  private final NetClient client;
  private final List<NetSocket> sockets = new CopyOnWriteArrayList<>();
  private final java.util.concurrent.atomic.AtomicInteger accepted = new java.util.concurrent.atomic.AtomicInteger();
  private NetServer server;

  TcpProxy(Vertx vertx, int port, int targetPort) {
    this.vertx = vertx;
    this.port = port;
    this.targetPort = targetPort;
    this.client = vertx.createNetClient();
  }

  int port() {
    return port;
  }

  /** Accepts connections and forwards them (again). */
  void open() {
    server = vertx.createNetServer().connectHandler(in -> {
      in.pause();
      client.connect(targetPort, "127.0.0.1").onComplete(ar -> {
        if (ar.failed()) {
          in.close();
          return;
        }
        NetSocket out = ar.result();
        accepted.incrementAndGet();
        sockets.add(in);
        sockets.add(out);
        in.closeHandler(v -> sockets.remove(in));
        out.closeHandler(v -> sockets.remove(out));
        in.pipeTo(out);
        out.pipeTo(in);
        in.resume();
      });
    });
    Await.result(server.listen(port, "127.0.0.1"));
  }

  /** Drops the open connections (as a network failure would) but keeps accepting new ones. */
  void dropConnections() {
    List<Future<Void>> closing = new ArrayList<>();
    sockets.forEach(s -> closing.add(s.close()));
    sockets.clear();
    Await.result(Future.join(closing).otherwiseEmpty());
  }

  /** How many connections the proxy has forwarded so far. */
  int accepted() {
    return accepted.get();
  }

  /** How many connections are open through the proxy right now (each counts its two sockets). */
  int openSockets() {
    return sockets.size();
  }

  /** Refuses new connections and drops the open ones, as a server that went away. */
  void cut() {
    Await.result(server.close());
    dropConnections();
  }

  @Override
  public void close() {
    if (server != null) {
      cut();
    }
    Await.result(client.close());
  }
}
