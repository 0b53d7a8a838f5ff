package dev.jcoro.mysql.internal;

import dev.jcoro.Suspendable;
import dev.jcoro.mysql.MySqlConnectOptions;
import dev.jcoro.mysql.MySqlProtocolException;
import dev.jcoro.mysql.SslMode;
import dev.jcoro.mysql.internal.auth.AuthContext;
import dev.jcoro.mysql.internal.auth.AuthPlugin;
import dev.jcoro.mysql.internal.auth.AuthPlugins;
import dev.jcoro.net.TcpSocket;
import dev.jcoro.net.TlsContexts;
import dev.jcoro.net.TlsSocket;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * The connection phase: read the server's greeting, upgrade to TLS if asked, send the handshake response
 * (user, auth response, database, attributes, utf8mb4), then follow the server through auth switch requests and auth-more-data
 * exchanges until it answers OK or ERR.
 */
final class Login {
    /** utf8mb4_general_ci, known to MySQL 5.5.3+ and every MariaDB. */
    static final int UTF8MB4_GENERAL_CI = 45;
    private static final int MAX_PACKET = 1 << 30;
    private static final int AUTH_MORE_DATA = 0x01;
    private static final int AUTH_SWITCH = 0xFE;
    private static final int MAX_AUTH_ROUNDS = 8;

    private Login() {
    }

    /** What the login settled. */
    record Result(ServerGreeting greeting, int capabilities, int status) {
    }

    /**
     * Runs the connection phase on a fresh channel.
     *
     * @param channel the channel, before anything was read
     * @param options credentials and database
     * @return the greeting and the agreed capabilities
     * @throws dev.jcoro.mysql.MySqlException if the server refuses the login (wrong password: error 1045)
     * @throws SQLException if the server needs something this client cannot do
     * @throws IOException if the connection fails or the server breaks the protocol
     */
    @Suspendable
    static Result perform(PacketChannel channel, MySqlConnectOptions options) throws IOException, SQLException {
        Payload first = channel.read("handshake");
        if (first.header() == ErrPacket.HEADER) {
            throw ErrPacket.parse(first, null);
        }
        ServerGreeting greeting = ServerGreeting.parse(first);
        int required = Capabilities.PROTOCOL_41 | Capabilities.SECURE_CONNECTION | Capabilities.PLUGIN_AUTH;
        if ((greeting.capabilities() & required) != required) {
            throw new SQLNonTransientConnectionException("the server (" + greeting.serverVersion() + ") lacks the 4.1 "
                    + "protocol with plugin authentication, which this client needs (MySQL 5.5 or MariaDB 5.5 and later)",
                    "08004");
        }
        int capabilities = Capabilities.CLIENT & greeting.capabilities();
        if (options.database() != null) {
            capabilities |= Capabilities.CONNECT_WITH_DB & greeting.capabilities();
        }
        boolean secure = startTls(channel, options, greeting, capabilities);
        if (secure) {
            capabilities |= Capabilities.SSL;
        }
        AuthContext context = new AuthContext(options.password().getBytes(StandardCharsets.UTF_8), secure,
                options.serverRsaPublicKey(), options.allowPublicKeyRetrieval());
        String pluginName = options.authPlugin() != null ? options.authPlugin() : greeting.authPlugin();
        AuthPlugin plugin = AuthPlugins.create(pluginName, context);
        sendResponse(channel, options, capabilities, plugin, plugin.respond(greeting.scramble()));
        for (int round = 0; round < MAX_AUTH_ROUNDS; round++) {
            Payload p = channel.read("authentication reply");
            switch (p.header()) {
                case 0x00:
                    OkPacket ok = OkPacket.parse(p);
                    return new Result(greeting, capabilities, ok.status());
                case ErrPacket.HEADER:
                    throw ErrPacket.parse(p, null);
                case AUTH_SWITCH:
                    p.expect("auth switch request").skip(1, "header");
                    String name = p.nulString(StandardCharsets.US_ASCII, "plugin name");
                    // The rest is the plugin's data, which may be binary (ed25519's nonce) or end with a NUL
                    // (the 20-byte scrambles): each plugin takes the length it needs.
                    byte[] scramble = p.restBytes();
                    plugin = AuthPlugins.create(name, context);
                    sendRaw(channel, plugin.respond(scramble));
                    break;
                case AUTH_MORE_DATA:
                    p.expect("auth more data").skip(1, "header");
                    byte[] reply = plugin.moreData(p.restBytes());
                    if (reply != null) {
                        sendRaw(channel, reply);
                    }
                    break;
                default:
                    throw p.expect("authentication reply").malformed("unexpected header 0x"
                            + Integer.toHexString(p.header()), "header");
            }
        }
        throw new MySqlProtocolException("the server kept the authentication going for " + MAX_AUTH_ROUNDS
                + " rounds without an OK or an error");
    }

    /**
     * Upgrades to TLS if the options ask for it: an SSL request packet (the first 32 bytes of a handshake
     * response, with the SSL flag), then the TLS handshake on the same connection.
     *
     * @return whether the connection is now encrypted
     */
    @Suspendable
    private static boolean startTls(PacketChannel channel, MySqlConnectOptions options, ServerGreeting greeting,
            int capabilities) throws IOException, SQLException {
        SslMode mode = options.sslMode();
        if (mode == SslMode.DISABLED) {
            return false;
        }
        if ((greeting.capabilities() & Capabilities.SSL) == 0) {
            if (mode == SslMode.PREFERRED) {
                return false;
            }
            throw new SQLNonTransientConnectionException("sslMode " + mode + " needs TLS, but the server ("
                    + greeting.serverVersion() + ") does not offer it (start it with --ssl-cert and --ssl-key)", "08004");
        }
        channel.begin().int4(capabilities | Capabilities.SSL).int4(MAX_PACKET).int1(UTF8MB4_GENERAL_CI).zeros(23);
        channel.send();
        SSLContext context;
        SSLParameters parameters;
        if (mode == SslMode.PREFERRED || mode == SslMode.REQUIRED) {
            context = TrustAll.context();
            parameters = new SSLParameters();
        } else {
            context = options.sslContext() != null ? options.sslContext() : TlsContexts.client();
            parameters = TlsSocket.clientParameters(options.host());
            if (mode == SslMode.VERIFY_CA) {
                parameters.setEndpointIdentificationAlgorithm(null);
            }
        }
        TlsSocket tls = TlsSocket.client((TcpSocket) channel.socket(), context, options.host(), parameters);
        tls.handshake();
        channel.upgrade(tls);
        return true;
    }

    @Suspendable
    private static void sendResponse(PacketChannel channel, MySqlConnectOptions options, int capabilities,
            AuthPlugin plugin, byte[] authResponse) throws IOException {
        PacketBuilder out = channel.begin();
        out.int4(capabilities).int4(MAX_PACKET).int1(UTF8MB4_GENERAL_CI).zeros(23);
        out.nulString(options.user(), StandardCharsets.UTF_8);
        if ((capabilities & Capabilities.PLUGIN_AUTH_LENENC_CLIENT_DATA) != 0) {
            out.lenencBytes(authResponse);
        } else {
            out.int1(authResponse.length).bytes(authResponse);
        }
        if ((capabilities & Capabilities.CONNECT_WITH_DB) != 0) {
            out.nulString(options.database(), StandardCharsets.UTF_8);
        }
        out.nulString(plugin.name(), StandardCharsets.US_ASCII);
        if ((capabilities & Capabilities.CONNECT_ATTRS) != 0) {
            PacketBuilder attrs = new PacketBuilder();
            for (Map.Entry<String, String> e : attributes(options).entrySet()) {
                attrs.lenencString(e.getKey(), StandardCharsets.UTF_8).lenencString(e.getValue(), StandardCharsets.UTF_8);
            }
            out.lenencBytes(attrs.toByteArray());
        }
        channel.send();
    }

    private static Map<String, String> attributes(MySqlConnectOptions options) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("_client_name", "jcoro-mysql");
        String version = Login.class.getPackage().getImplementationVersion();
        all.put("_client_version", version == null ? "development" : version);
        all.put("_runtime_version", System.getProperty("java.version"));
        all.put("_os", System.getProperty("os.name"));
        all.putAll(options.attributes());
        return all;
    }

    @Suspendable
    private static void sendRaw(PacketChannel channel, byte[] bytes) throws IOException {
        channel.begin().bytes(bytes);
        channel.send();
    }
}
