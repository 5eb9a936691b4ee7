/**
 * Spring Boot auto-configuration of antelopekit (optional: needs {@code spring-boot-autoconfigure}
 * on the classpath): {@link io.antelopekit.spring.AntelopeKitAutoConfiguration} makes the chain
 * clients, session storage, wallets and the {@code SessionKit} from the
 * {@link io.antelopekit.spring.AntelopeKitProperties} ({@code antelopekit.*}). Nothing outside
 * this package refers to Spring.
 *
 * <pre>{@code
 * antelopekit.app-name=myapp
 * antelopekit.chains[0].id=73e4385a2708e6d7048834fbc1079f2fabb17b3c125b146af438971e90716c4d
 * antelopekit.chains[0].urls=https://jungle4.greymass.com
 * antelopekit.wallet.private-keys-env=MYAPP_BOT_KEY
 * }</pre>
 */
package io.antelopekit.spring;
