package io.antelopekit.test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;


/**
 * A {@code redis-server} child process on a free port of 127.0.0.1, without persistence, in a
 * directory of its own ({@code .ci/run} installs redis-server).
 */
public final class RedisProcess implements AutoCloseable {

    final int port;
    private final Process process;

    private RedisProcess(int port, Process process) {
        this.port = port;
        this.process = process;
    }

    /** Starts one, trying another port if the free one was taken in between. */
    public static RedisProcess start(Path dir) throws Exception {
        // skipped with a message when absent (failed when -Dantelopekit.require names it)
        ExternalProgram.require("redis-server", "apt-get install redis-server (.ci/run does)");
        IllegalStateException last = null;
        for (int tries = 0; tries < 5; tries++) {
            int port;
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = s.getLocalPort();
            }
            Path log = dir.resolve("redis-" + port + ".log");
            Process p = new ProcessBuilder("redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", "no", "--daemonize", "no", "--dir", dir.toString())
                    .directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            RedisProcess redis = new RedisProcess(port, p);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (System.nanoTime() < deadline && p.isAlive()) {
                if (redis.ping()) {
                    return redis;
                }
                Thread.sleep(50); // a child process starting: nothing to wait on but its port answering
            }
            redis.close();
            last = new IllegalStateException("redis-server on port " + port + " did not start:\n" + Files.readString(log));
        }
        throw last;
    }

    public String uri() {
        return "redis://127.0.0.1:" + port;
    }

    private boolean ping() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            socket.setSoTimeout(1000);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return "+PONG".equals(new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII)).readLine());
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
