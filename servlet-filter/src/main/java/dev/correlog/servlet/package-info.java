/**
 * Correlog for Jakarta Servlet 6 web applications (Jetty 12 ee10, Tomcat 10.1 and later).
 *
 * <p>{@link dev.correlog.servlet.CorrelogFilter} continues the caller's trace for every request,
 * keeps it current while the request is served (synchronous or asynchronous), answers with {@code
 * x-request-id} and writes one {@code http.server.request} event per request at its real end.
 * {@link dev.correlog.servlet.AsyncTasks} carries the request's context into {@code
 * AsyncContext.start} tasks. Adding the jar to a web application activates the filter through its
 * {@code web-fragment.xml} (fragment name {@code correlog}).
 */
package dev.correlog.servlet;
