// Thin C shims over the few OS calls Swift's Glibc/Darwin overlays do not expose cleanly:
// a readiness poller (epoll on Linux, kqueue on Darwin), a wake-up handle, sendfile, accept4
// and the CPU count of the affinity mask. Each is a direct pass-through; no policy lives here.
#ifndef CPEXSYSTEM_H
#define CPEXSYSTEM_H

#include <stdint.h>
#include <sys/types.h>

#define PEX_POLL_READ 1u
#define PEX_POLL_WRITE 2u
#define PEX_POLL_HUP 4u
#define PEX_POLL_ERROR 8u

/// Creates a poller. Returns its descriptor or -1 (errno set).
int pex_poller_create(void);
/// Registers fd for level-triggered readiness in `interest` (PEX_POLL_* bits). `exclusive` wakes one waiter
/// only (EPOLLEXCLUSIVE) for a listening socket shared by several pollers.
int pex_poller_add(int poller, int fd, uint32_t interest, int exclusive);
/// Changes the interest set of a registered fd.
int pex_poller_modify(int poller, int fd, uint32_t interest);
/// Removes fd from the poller.
int pex_poller_remove(int poller, int fd);
/// Waits up to timeout_ms (-1 forever) and fills fds/events with up to max ready descriptors.
/// Returns the count, 0 on timeout, -1 on error (errno set; EINTR is returned to the caller).
int pex_poller_wait(int poller, int32_t *fds, uint32_t *events, int max, int timeout_ms);

/// A wake-up handle for a poller: an eventfd on Linux, a pipe on Darwin. read_fd is registered for reading.
int pex_waker_create(int *read_fd, int *write_fd);
/// Makes the waker readable (idempotent while unread).
void pex_waker_wake(int write_fd);
/// Drains a woken waker.
void pex_waker_drain(int read_fd);

/// accept4 with SOCK_NONBLOCK|SOCK_CLOEXEC (accept + fcntl on Darwin).
int pex_accept(int fd);
/// Sends up to count bytes of in_fd from *offset to out_fd; advances *offset. Returns bytes sent or -1.
ssize_t pex_sendfile(int out_fd, int in_fd, int64_t *offset, size_t count);
/// Number of CPUs this process may run on (sched_getaffinity), at least 1.
int pex_cpu_count(void);
/// setsockopt with an int value; returns 0 or -1 (errno set).
int pex_set_int_option(int fd, int level, int name, int value);
/// Names the calling thread (as `top -H` and debuggers show it); Linux keeps the first 15 bytes.
void pex_set_thread_name(const char *name);

#endif
