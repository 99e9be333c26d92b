/** The Actuator side of the starter: the {@code upsilon} endpoint and the health indicator. */
package io.upsilon.spring.actuate;
