/**
 * The C library calls the data plane makes to Linux through the Foreign Function &amp; Memory API and that more
 * than one socket or thread needs: downcall handles that capture {@code errno}, the kernel's text for an error, and
 * the socket calls every protocol opens and closes its sockets with.
 */
package io.netshadow.dataplane.linux;
