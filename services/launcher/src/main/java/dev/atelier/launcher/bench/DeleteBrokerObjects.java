package dev.atelier.launcher.bench;

import com.rabbitmq.client.ConnectionFactory;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * Deletes a benchmark's queues and exchanges from a shared broker once its platform has stopped:
 * {@code DeleteBrokerObjects <amqp-url>}, reading lines {@code queue <name>} and
 * {@code exchange <name>} from stdin (the script lists them with rabbitmqctl, by the run's prefix).
 * Best effort: each object on a channel of its own, so one already gone does not stop the rest.
 */
public final class DeleteBrokerObjects {
  private DeleteBrokerObjects() {}

  public static void main(String[] args) throws Exception {
    var factory = new ConnectionFactory();
    factory.setUri(args[0]);
    int deleted = 0;
    int failed = 0;
    try (var connection = factory.newConnection("atelier-bench-cleanup");
         var in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
      for (String line; (line = in.readLine()) != null; ) {
        String[] kindAndName = line.trim().split(" ", 2);
        if (kindAndName.length < 2) {
          continue;
        }
        try (var channel = connection.createChannel()) {
          if (kindAndName[0].equals("queue")) {
            channel.queueDelete(kindAndName[1]);
          } else {
            channel.exchangeDelete(kindAndName[1]);
          }
          deleted++;
        } catch (Exception e) {
          failed++;
        }
      }
    }
    System.err.println("deleted " + deleted + " broker objects" + (failed > 0 ? ", " + failed + " could not be" : ""));
  }
}
