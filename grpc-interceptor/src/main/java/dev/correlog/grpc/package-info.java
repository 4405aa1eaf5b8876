/**
 * Correlog for gRPC: {@link dev.correlog.grpc.CorrelogGrpc} hands out a client and a server
 * interceptor that carry the trace and request id across calls and write one event per call.
 */
package dev.correlog.grpc;
