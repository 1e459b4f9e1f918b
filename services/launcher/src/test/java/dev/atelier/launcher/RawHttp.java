package dev.atelier.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * HTTP/1.1 over a plain socket, one request per connection ({@code Connection: close}), from a
 * loopback source address of the caller's choosing. Rate-limit buckets are keyed by client IP and
 * Redis is shared by every build on this machine, so a test that drains a per-IP bucket uses an
 * address of its own (all of 127.0.0.0/8 is loopback on Linux) rather than 127.0.0.1.
 */
final class RawHttp {
  private RawHttp() {}

  record Response(int status, Map<String, String> headers, String body) {
    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  /** A loopback address no other test uses, e.g. 127.83.17.201. */
  static String freshLoopbackAddress() {
    var r = ThreadLocalRandom.current();
    return "127." + r.nextInt(1, 255) + "." + r.nextInt(1, 255) + "." + r.nextInt(2, 255);
  }

  /** Opens a connection to the server from {@code fromIp}. */
  static Socket connect(String fromIp, int port) throws IOException {
    var socket = new Socket();
    socket.bind(new InetSocketAddress(fromIp, 0));
    socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
    socket.setSoTimeout(15_000);
    return socket;
  }

  /**
   * Sends one request ({@code headers} one per line without the final CRLF; Host and Connection are
   * added) and reads the whole answer.
   */
  static Response exchange(String fromIp, int port, String method, String path, String headers, String body) {
    byte[] payload = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
    var head = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n");
    if (headers != null && !headers.isEmpty()) {
      head.append(headers).append("\r\n");
    }
    if (body != null) {
      head.append("Content-Length: ").append(payload.length).append("\r\n");
    }
    head.append("\r\n");
    try (Socket socket = connect(fromIp, port)) {
      var out = socket.getOutputStream();
      out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
      out.write(payload);
      out.flush();
      return parse(new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Response get(String fromIp, int port, String path, String token) {
    return exchange(fromIp, port, "GET", path, token == null ? null : "Authorization: Bearer " + token, null);
  }

  private static Response parse(String raw) {
    int end = raw.indexOf("\r\n\r\n");
    if (end < 0) {
      throw new IllegalStateException("no complete HTTP answer: " + raw);
    }
    String[] lines = raw.substring(0, end).split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    var headers = new TreeMap<String, String>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
    }
    return new Response(status, headers, raw.substring(end + 4));
  }
}
