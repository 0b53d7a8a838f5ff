package dev.jcoro.mysql.internal;

/** The status flags of OK and EOF packets that the client acts on. */
public final class ServerStatus {
    private ServerStatus() {
    }

    /** A transaction is open. */
    public static final int IN_TRANS = 1;
    /** Autocommit is on. */
    public static final int AUTOCOMMIT = 1 << 1;
    /** Another result follows this one (multi-statement queries, stored procedures). */
    public static final int MORE_RESULTS_EXISTS = 1 << 3;
}
