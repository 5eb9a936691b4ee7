package io.antelopekit.spring.security;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.ReactorHttpHandlerAdapter;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.WebFilterChainProxy;
import org.springframework.security.web.server.authentication.HttpStatusServerEntryPoint;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.adapter.WebHttpHandlerBuilder;
import org.springframework.web.server.session.DefaultWebSessionManager;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * A WebFlux application on a real Reactor Netty server (port 0 of 127.0.0.1), secured by Spring
 * Security as an application would be: the sign-ins' {@code configure(http)}, then every other
 * path authenticated; {@code GET /me} (protected) answers the principal's name, {@code GET /csrf}
 * (open) the CSRF token a page would embed. The sign-ins are installed after the server is bound,
 * since their public URL names its port.
 */
final class SignInTestApp implements AutoCloseable {

    private final AtomicReference<HttpHandler> handlerRef;
    private final DisposableServer server;
    final DefaultWebSessionManager sessions = new DefaultWebSessionManager();
    /** The application's own routes, besides {@code /me} and {@code /csrf}. */
    RouterFunction<ServerResponse> extraRoutes;

    private SignInTestApp(AtomicReference<HttpHandler> handlerRef, DisposableServer server) {
        this.handlerRef = handlerRef;
        this.server = server;
    }

    static SignInTestApp start() {
        AtomicReference<HttpHandler> ref = new AtomicReference<>();
        HttpHandler delegate = (request, response) -> {
            HttpHandler h = ref.get();
            if (h == null) {
                response.setStatusCode(HttpStatus.SERVICE_UNAVAILABLE);
                return response.setComplete();
            }
            return h.handle(request, response);
        };
        DisposableServer server = HttpServer.create().host("127.0.0.1").port(0)
                .handle(new ReactorHttpHandlerAdapter(delegate)).bindNow();
        return new SignInTestApp(ref, server);
    }

    String url() {
        return "http://127.0.0.1:" + server.port();
    }

    /** Serves these sign-ins behind Spring Security. */
    SignInTestApp install(WalletSignIn... signIns) {
        ServerHttpSecurity http = ServerHttpSecurity.http();
        if (signIns.length == 1) {
            signIns[0].configure(http);
        } else {
            WalletSignIn.configure(http, signIns);
        }
        http.authorizeExchange(a -> a.pathMatchers("/csrf").permitAll().anyExchange().authenticated())
                .exceptionHandling(e -> e.authenticationEntryPoint(new HttpStatusServerEntryPoint(HttpStatus.UNAUTHORIZED)));
        SecurityWebFilterChain chain = http.build();
        RouterFunction<ServerResponse> routes = RouterFunctions.route()
                .GET("/me", r -> ReactiveSecurityContextHolder.getContext()
                        .flatMap(c -> ServerResponse.ok().bodyValue(c.getAuthentication().getName()
                                + " " + c.getAuthentication().getAuthorities()))
                        .switchIfEmpty(ServerResponse.status(HttpStatus.UNAUTHORIZED).build()))
                .GET("/csrf", r -> {
                    Mono<CsrfToken> token = r.exchange().getAttribute(CsrfToken.class.getName());
                    return token == null ? ServerResponse.notFound().build()
                            : token.flatMap(t -> ServerResponse.ok().header("X-Csrf-Header", t.getHeaderName())
                                    .bodyValue(t.getToken()));
                })
                .build();
        if (extraRoutes != null) {
            routes = routes.and(extraRoutes);
        }
        for (WalletSignIn s : signIns) {
            routes = routes.and(s.routes());
        }
        handlerRef.set(WebHttpHandlerBuilder.webHandler(RouterFunctions.toWebHandler(routes))
                .filters(f -> f.addAll(List.of(new WebFilterChainProxy(chain))))
                .sessionManager(sessions)
                .build());
        return this;
    }

    @Override
    public void close() {
        server.disposeNow();
    }
}
