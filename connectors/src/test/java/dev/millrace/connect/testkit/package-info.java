/** Test helpers: a real in-process broker, a REST client over HTTP, and polling with deadlines. */
package dev.millrace.connect.testkit;
