/**
 * The controller: the one place where topic metadata changes, serialized on a single thread. On a single
 * node it also applies the changes to local partitions; the replicated controller quorum takes this role
 * in cluster mode.
 */
package dev.millrace.broker.controller;
