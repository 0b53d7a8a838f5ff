package dev.jcoro.mysql.internal;

/** The first byte of each command packet the client sends. */
public final class Command {
    private Command() {
    }

    /** Closes the session. */
    public static final int QUIT = 0x01;
    /** Changes the default database. */
    public static final int INIT_DB = 0x02;
    /** A statement in the text protocol. */
    public static final int QUERY = 0x03;
    /** Checks that the server answers. */
    public static final int PING = 0x0e;
    /** Prepares a statement. */
    public static final int STMT_PREPARE = 0x16;
    /** Executes a prepared statement with parameters, answering in the binary protocol. */
    public static final int STMT_EXECUTE = 0x17;
    /** Frees a prepared statement; the server sends no reply. */
    public static final int STMT_CLOSE = 0x19;
    /** Resets the session state (variables, temporary tables, prepared statements, transaction). */
    public static final int RESET_CONNECTION = 0x1f;

    /** The command's name for messages. */
    public static String name(int command) {
        switch (command) {
            case QUIT: return "COM_QUIT";
            case INIT_DB: return "COM_INIT_DB";
            case QUERY: return "COM_QUERY";
            case PING: return "COM_PING";
            case STMT_PREPARE: return "COM_STMT_PREPARE";
            case STMT_EXECUTE: return "COM_STMT_EXECUTE";
            case STMT_CLOSE: return "COM_STMT_CLOSE";
            case RESET_CONNECTION: return "COM_RESET_CONNECTION";
            default: return "command 0x" + Integer.toHexString(command);
        }
    }
}
