package io.sockudo.transport.http;

import io.sockudo.adapter.app.App;
import io.undertow.server.HttpServerExchange;

/** The work of one signed HTTP API route, once the request is authenticated and its body read. */
@FunctionalInterface
public interface ApiAction {

    void handle(HttpServerExchange exchange, App app, byte[] body) throws Exception;
}
