/** The programs behind {@code bin/bench}: one subpackage per benchmark. */
package io.hop.bench;
