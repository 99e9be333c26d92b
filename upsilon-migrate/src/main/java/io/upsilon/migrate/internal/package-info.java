/** The migration engine: transforms, the copy loop, delete detection and verification. Not part of the API. */
package io.upsilon.migrate.internal;
