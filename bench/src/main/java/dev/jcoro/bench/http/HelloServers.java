package dev.jcoro.bench.http;

import com.sun.net.httpserver.HttpExchange;
import dev.jcoro.Coroutines;
import dev.jcoro.http.HttpServer;
import dev.jcoro.http.Router;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.FullHttpRequest;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerOptions;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The servers bench/http.sh loads with wrk, each answering {@code GET /hello} with 200,
 * {@code Content-Type: text/plain}, a {@code Date} and the body {@code hello}, keep-alive; and
 * {@code GET /json} after a one-second wait with 200, {@code Content-Type: application/json} and the seed's
 * {@code {"name": "satori", "age": 16}} (the seed demo's endpoint), each waiting in its own idiom without
 * holding a platform thread:
 *
 * <ul>
 *   <li>{@code jcoro}: jcoro-http's {@link HttpServer} with a {@link Router}, one loop per CPU (run it with
 *       the jcoro agent); {@code /json} waits with {@link Coroutines#sleep};</li>
 *   <li>{@code netty-epoll}, {@code netty-nio}: Netty 4.2 {@code HttpServerCodec} and
 *       {@code HttpObjectAggregator}, one worker loop per CPU, the Date formatted once a second; {@code /json}
 *       answers from a task scheduled on the channel's loop ({@code ctx.executor().schedule});</li>
 *   <li>{@code jdk-vt}: the JDK's {@code com.sun.net.httpserver} with a virtual thread per exchange (JDK 21+);
 *       {@code /json} calls {@code Thread.sleep} on that virtual thread;</li>
 *   <li>{@code vertx}: Vert.x 5 web, a {@code Router} in one verticle instance per loop, native transport
 *       (epoll) when present, the Date formatted once a second; {@code /json} answers from
 *       {@code vertx.setTimer};</li>
 *   <li>{@code helidon}: Helidon SE 4 ({@code HelidonHello}, in src/main/java21: only in a benchmarks jar built
 *       on JDK 21 or later); {@code /json} calls {@code Thread.sleep} on the request's virtual thread.</li>
 * </ul>
 *
 * Usage: {@code HelloServers KIND PORT [LOOPS]}. Prints {@code ready PORT} once listening, then serves until
 * killed.
 */
public final class HelloServers {
    private static final byte[] HELLO = "hello".getBytes(StandardCharsets.US_ASCII);
    /** The body of {@code /json}, the seed's one-second endpoint. */
    static final byte[] JSON = "{\"name\": \"satori\", \"age\": 16}".getBytes(StandardCharsets.US_ASCII);
    /** How long {@code /json} waits before it answers. */
    static final long JSON_DELAY_MILLIS = 1000;
    private static final Duration JSON_DELAY = Duration.ofMillis(JSON_DELAY_MILLIS);

    private HelloServers() {
    }

    public static void main(String[] args) throws Exception {
        String kind = args[0];
        int port = Integer.parseInt(args[1]);
        int loops = args.length > 2 ? Integer.parseInt(args[2]) : Runtime.getRuntime().availableProcessors();
        start(kind, new InetSocketAddress(InetAddress.getLoopbackAddress(), port), loops);
        System.out.println("ready " + port);
        System.out.flush();
        Thread.currentThread().join();
    }

    /** Starts the server of {@code kind} on {@code address}; it serves on its own threads. */
    static void start(String kind, InetSocketAddress address, int loops) throws Exception {
        switch (kind) {
            case "jcoro" -> jcoro(address, loops);
            case "netty-epoll" -> netty(address, loops, EpollIoHandler.newFactory(), EpollServerSocketChannel.class);
            case "netty-nio" -> netty(address, loops, NioIoHandler.newFactory(), NioServerSocketChannel.class);
            case "jdk-vt" -> jdk(address);
            case "vertx" -> vertx(address, loops);
            case "helidon" -> helidon(address);
            default -> throw new IllegalArgumentException("unknown server kind " + kind
                    + "; one of jcoro, netty-epoll, netty-nio, jdk-vt, vertx, helidon");
        }
    }

    private static void jcoro(InetSocketAddress address, int loops) throws IOException {
        HttpServer.builder()
                .address(address.getAddress())
                .port(address.getPort())
                .loops(loops)
                .limits(dev.jcoro.http.HttpLimits.defaults().withMaxConnections(100_000))
                .handler(Router.builder()
                        .get("/hello", (request, response) -> response.header("Content-Type", "text/plain").send(HELLO))
                        .get("/json", (request, response) -> {
                            Coroutines.sleep(JSON_DELAY);
                            response.header("Content-Type", "application/json").send(JSON);
                        })
                        .build())
                .start();
    }

    private static void netty(InetSocketAddress address, int loops, IoHandlerFactory io,
            Class<? extends ServerChannel> channel) throws InterruptedException {
        EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, io);
        EventLoopGroup workers = new MultiThreadIoEventLoopGroup(loops, io);
        NettyDate date = new NettyDate();
        workers.scheduleAtFixedRate(date::update, 0, 1, TimeUnit.SECONDS);
        new ServerBootstrap().group(boss, workers).channel(channel)
                .option(ChannelOption.SO_BACKLOG, 4096)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(1 << 20), new NettyHello(date));
                    }
                })
                .bind(address).sync();
    }

    /** The Date header value, formatted once a second like jcoro-http's. */
    static final class NettyDate {
        private volatile String value = format();

        void update() {
            value = format();
        }

        String get() {
            return value;
        }

        private static String format() {
            return DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC));
        }
    }

    /**
     * Answers /hello at once and /json a second later (from a task scheduled on the channel's own loop),
     * 404 otherwise; keeps the connection unless the request says not to.
     */
    static final class NettyHello extends SimpleChannelInboundHandler<FullHttpRequest> {
        private final NettyDate date;

        NettyHello(NettyDate date) {
            this.date = date;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            boolean keepAlive = HttpUtil.isKeepAlive(request);
            String uri = request.uri();
            if (uri.equals("/json")) {
                // The request is released when this method returns; the scheduled task needs only keepAlive.
                ctx.executor().schedule(() -> respond(ctx, HttpResponseStatus.OK, HttpHeaderValues.APPLICATION_JSON,
                        Unpooled.wrappedBuffer(JSON), keepAlive), JSON_DELAY_MILLIS, TimeUnit.MILLISECONDS);
                return;
            }
            boolean hello = uri.equals("/hello");
            respond(ctx, hello ? HttpResponseStatus.OK : HttpResponseStatus.NOT_FOUND, HttpHeaderValues.TEXT_PLAIN,
                    hello ? Unpooled.wrappedBuffer(HELLO) : Unpooled.EMPTY_BUFFER, keepAlive);
        }

        private void respond(ChannelHandlerContext ctx, HttpResponseStatus status, CharSequence type, ByteBuf body,
                boolean keepAlive) {
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, body);
            response.headers()
                    .set(HttpHeaderNames.CONTENT_TYPE, type)
                    .set(HttpHeaderNames.DATE, date.get())
                    .setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
            if (keepAlive) {
                ctx.writeAndFlush(response);
            } else {
                ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
            }
        }
    }

    private static void jdk(InetSocketAddress address) throws Exception {
        // By default the JDK server keeps only 200 idle keep-alive connections and closes the rest after each
        // response, which under wrk's thousands of connections reads as errors (the other servers keep them).
        if (System.getProperty("sun.net.httpserver.maxIdleConnections") == null) {
            System.setProperty("sun.net.httpserver.maxIdleConnections", "100000");
        }
        com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(address, 4096);
        server.setExecutor(virtualThreads());
        server.createContext("/hello", exchange -> jdkRespond(exchange, "text/plain", HELLO));
        server.createContext("/json", exchange -> {
            try {
                Thread.sleep(JSON_DELAY_MILLIS);   // on the exchange's virtual thread
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                exchange.close();
                return;
            }
            jdkRespond(exchange, "application/json", JSON);
        });
        server.start();
    }

    private static void jdkRespond(HttpExchange exchange, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static void vertx(InetSocketAddress address, int loops) throws Exception {
        Vertx vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true).setEventLoopPoolSize(loops));
        NettyDate date = new NettyDate();
        vertx.setPeriodic(1000, id -> date.update());
        HttpServerOptions options = new HttpServerOptions()
                .setHost(address.getAddress().getHostAddress())
                .setPort(address.getPort())
                .setAcceptBacklog(4096)
                .setTcpNoDelay(true);
        // One instance per loop: Vert.x spreads the instances' servers, which share the port, over its loops.
        vertx.deployVerticle(() -> new VertxHello(options, date), new DeploymentOptions().setInstances(loops))
                .await();
    }

    /**
     * One Vert.x verticle: a Router answering /hello at once and /json from a one-second {@code setTimer}
     * (Vert.x answers 404 otherwise), keep-alive by default.
     */
    static final class VertxHello extends VerticleBase {
        private final HttpServerOptions options;
        private final NettyDate date;

        VertxHello(HttpServerOptions options, NettyDate date) {
            this.options = options;
            this.date = date;
        }

        @Override
        public Future<?> start() {
            io.vertx.ext.web.Router router = io.vertx.ext.web.Router.router(vertx);
            router.get("/hello").handler(context -> context.response()
                    .putHeader("Content-Type", "text/plain")
                    .putHeader("Date", date.get())
                    .end(Buffer.buffer(HELLO)));
            router.get("/json").handler(context -> vertx.setTimer(JSON_DELAY_MILLIS, id -> context.response()
                    .putHeader("Content-Type", "application/json")
                    .putHeader("Date", date.get())
                    .end(Buffer.buffer(JSON))));
            return vertx.createHttpServer(options).requestHandler(router).listen();
        }
    }

    /** Starts {@code HelidonHello}, which exists only when the benchmarks jar was built on JDK 21 or later. */
    private static void helidon(InetSocketAddress address) throws Exception {
        Class<?> server;
        try {
            server = Class.forName("dev.jcoro.bench.http.HelidonHello");
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("helidon is not in this benchmarks jar: build it on JDK 21 or later"
                    + " (JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 mvn -B -q -DskipTests package -pl bench -am)", e);
        }
        try {
            server.getMethod("start", InetSocketAddress.class).invoke(null, address);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    /** {@code Executors.newVirtualThreadPerTaskExecutor()}, looked up at run time since this code builds for Java 17. */
    private static Executor virtualThreads() throws Exception {
        try {
            return (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("jdk-vt needs JDK 21 or later for virtual threads", e);
        }
    }

}
