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

/**
 * Spring Security: the sign-in's paths and the page are public, every {@code /api} path needs a
 * signed-in user (401 otherwise, no login form or basic authentication), sign-out is
 * {@code POST /logout} (204). CSRF protection covers every {@code POST} of the page (the token
 * comes from {@code /config} and goes back in a header) except the two routes wallets post to,
 * which carry no token and are checked by their signatures instead: the sign-in's callback and
 * the transfers' signing-request callback ({@code antelopekit.sign-in.wallet-callback-paths}).
 * {@link WalletSignIn#configure} sets both exemptions, exactly {@code {path}/{id}}, and masks
 * each response's CSRF token with randomness that never reads a file on the event loop.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
class SecurityConfiguration {

    @Bean
    SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http, WalletSignIn signIn) {
        signIn.configure(http);
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
