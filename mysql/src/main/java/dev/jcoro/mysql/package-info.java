/**
 * A coroutine-native MySQL and MariaDB client: the client/server protocol spoken over jcoro's sockets, so a
 * query suspends the calling coroutine instead of blocking its carrier thread.
 */
package dev.jcoro.mysql;
