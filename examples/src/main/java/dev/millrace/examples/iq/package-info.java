/**
 * Interactive queries: a word count whose counts store is read over HTTP from any instance of the application; an
 * instance answers for the words it holds and forwards the other requests to the instance that does.
 */
package dev.millrace.examples.iq;
