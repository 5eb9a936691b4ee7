package io.antelopekit.example.webapp;

import io.antelopekit.spring.security.WalletSignIn;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authentication.HttpStatusServerEntryPoint;
import org.springframework.security.web.server.authentication.logout.HttpStatusReturningServerLogoutSuccessHandler;
import org.springframework.security.web.server.csrf.CsrfWebFilter;
import org.springframework.security.web.server.csrf.XorServerCsrfTokenRequestAttributeHandler;
import org.springframework.security.web.server.util.matcher.AndServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.NegatedServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;

/**
 * Spring Security: the sign-in's paths and the page are public, every {@code /api} path needs a
 * signed-in user (401 otherwise, no login form or basic authentication), sign-out is
 * {@code POST /logout} (204). CSRF protection covers every {@code POST} of the page (the token
 * comes from {@code /config} and goes back in a header) except the two routes wallets post to:
 * the sign-in's callback and the transfers' signing-request callback, which carry no token and
 * are checked by their signatures instead.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
class SecurityConfiguration {

    @Bean
    SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http, WalletSignIn signIn) {
        signIn.configure(http);
        // the token each response carries is masked with fresh random bytes (against BREACH); by
        // default from a NativePRNG, which reads /dev/urandom on the event loop: a seeded DRBG instead
        XorServerCsrfTokenRequestAttributeHandler masking = new XorServerCsrfTokenRequestAttributeHandler();
        masking.setSecureRandom(Randomness.seededDrbg());
        // replaces the sign-in's CSRF matcher (a chain has one): keeps its exception, adds ours
        http.csrf(c -> c.csrfTokenRequestHandler(masking).requireCsrfProtectionMatcher(new AndServerWebExchangeMatcher(
                CsrfWebFilter.DEFAULT_CSRF_MATCHER,
                new NegatedServerWebExchangeMatcher(ServerWebExchangeMatchers.pathMatchers(
                        signIn.basePath() + "/callback/**", WebApp.CALLBACK_PATH + "/**")))));
        return http
                .authorizeExchange(a -> a
                        .pathMatchers("/api/**").authenticated()
                        .anyExchange().permitAll())
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .exceptionHandling(e -> e.authenticationEntryPoint(new HttpStatusServerEntryPoint(HttpStatus.UNAUTHORIZED)))
                .logout(l -> l.logoutUrl("/logout")
                        .logoutSuccessHandler(new HttpStatusReturningServerLogoutSuccessHandler(HttpStatus.NO_CONTENT)))
                .build();
    }
}
