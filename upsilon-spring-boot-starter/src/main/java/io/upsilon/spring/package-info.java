/**
 * Upsilon's Spring Boot auto-configuration: {@link io.upsilon.spring.UpsilonAutoConfiguration} and the beans it
 * makes, each of which backs off when the application defines its own. The bean classes are public so that an
 * application can build them itself; their constructors are the contract.
 */
package io.upsilon.spring;
