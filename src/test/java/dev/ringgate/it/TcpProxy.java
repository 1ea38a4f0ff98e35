package dev.ringgate.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy on loopback that a test can cut and restore, to take a database away from a running
 * application and give it back, as a network partition would.
 */
final class TcpProxy implements AutoCloseable {
  private final int port;
  private final String targetHost;
  private final int targetPort;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private volatile ServerSocket server;

  TcpProxy(String targetHost, int targetPort) throws IOException {
    this.targetHost = targetHost;
    this.targetPort = targetPort;
    ServerSocket probe = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.port = probe.getLocalPort();
    probe.close();
    restore();
  }

  int port() {
    return port;
  }

  /** Accepts connections again. */
  synchronized void restore() throws IOException {
    ServerSocket socket = new ServerSocket();
    socket.setReuseAddress(true);
    socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    server = socket;
    Thread acceptor = new Thread(() -> accept(socket), "proxy-accept-" + port);
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** Drops every connection and refuses new ones. */
  synchronized void cut() throws IOException {
    server.close();
    for (Socket socket : sockets) {
      socket.close();
    }
    sockets.clear();
  }

  @Override
  public void close() throws IOException {
    cut();
  }

  private void accept(ServerSocket socket) {
    while (!socket.isClosed()) {
      try {
        Socket client = socket.accept();
        Socket upstream = new Socket(targetHost, targetPort);
        sockets.add(client);
        sockets.add(upstream);
        pipe(client, upstream);
        pipe(upstream, client);
      } catch (IOException e) {
        return;
      }
    }
  }

  private void pipe(Socket from, Socket to) {
    Thread thread =
        new Thread(
            () -> {
              try (InputStream in = from.getInputStream();
                  OutputStream out = to.getOutputStream()) {
                in.transferTo(out);
              } catch (IOException e) {
                // the other side closed, or the proxy was cut
              } finally {
                try {
                  from.close();
                  to.close();
                } catch (IOException e) {
                  // closed already
                }
              }
            },
            "proxy-pipe");
    thread.setDaemon(true);
    thread.start();
  }
}
