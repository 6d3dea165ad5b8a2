#define _GNU_SOURCE
#include "CPexSystem.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <sys/socket.h>
#include <unistd.h>

#if defined(__linux__)
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/sendfile.h>

static uint32_t to_epoll(uint32_t interest) {
    uint32_t e = 0;
    if (interest & PEX_POLL_READ) e |= EPOLLIN | EPOLLRDHUP;
    if (interest & PEX_POLL_WRITE) e |= EPOLLOUT;
    return e;
}

int pex_poller_create(void) { return epoll_create1(EPOLL_CLOEXEC); }

int pex_poller_add(int poller, int fd, uint32_t interest, int exclusive) {
    struct epoll_event ev = {0};
    ev.data.fd = fd;
    if (exclusive) {
        // EPOLLEXCLUSIVE admits only EPOLLIN/EPOLLOUT (no EPOLLRDHUP); kernels before 4.5 refuse it altogether.
        ev.events = EPOLLIN | EPOLLEXCLUSIVE;
        if (epoll_ctl(poller, EPOLL_CTL_ADD, fd, &ev) == 0) return 0;
        ev.events = EPOLLIN;
        return epoll_ctl(poller, EPOLL_CTL_ADD, fd, &ev);
    }
    ev.events = to_epoll(interest);
    return epoll_ctl(poller, EPOLL_CTL_ADD, fd, &ev);
}

int pex_poller_modify(int poller, int fd, uint32_t interest) {
    struct epoll_event ev = {0};
    ev.events = to_epoll(interest);
    ev.data.fd = fd;
    return epoll_ctl(poller, EPOLL_CTL_MOD, fd, &ev);
}

int pex_poller_remove(int poller, int fd) {
    struct epoll_event ev = {0};
    return epoll_ctl(poller, EPOLL_CTL_DEL, fd, &ev);
}

int pex_poller_wait(int poller, int32_t *fds, uint32_t *events, int max, int timeout_ms) {
    struct epoll_event evs[256];
    if (max > 256) max = 256;
    int n = epoll_wait(poller, evs, max, timeout_ms);
    for (int i = 0; i < n; i++) {
        uint32_t e = 0;
        if (evs[i].events & EPOLLIN) e |= PEX_POLL_READ;
        if (evs[i].events & EPOLLOUT) e |= PEX_POLL_WRITE;
        if (evs[i].events & (EPOLLHUP | EPOLLRDHUP)) e |= PEX_POLL_HUP;
        if (evs[i].events & EPOLLERR) e |= PEX_POLL_ERROR;
        fds[i] = evs[i].data.fd;
        events[i] = e;
    }
    return n;
}

int pex_waker_create(int *read_fd, int *write_fd) {
    int fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    if (fd < 0) return -1;
    *read_fd = fd;
    *write_fd = fd;
    return 0;
}

void pex_waker_wake(int write_fd) {
    uint64_t one = 1;
    ssize_t r = write(write_fd, &one, sizeof one);
    (void)r;
}

void pex_waker_drain(int read_fd) {
    uint64_t value;
    ssize_t r = read(read_fd, &value, sizeof value);
    (void)r;
}

int pex_accept(int fd) { return accept4(fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC); }

ssize_t pex_sendfile(int out_fd, int in_fd, int64_t *offset, size_t count) {
    off_t off = (off_t)*offset;
    ssize_t n = sendfile(out_fd, in_fd, &off, count);
    if (n > 0) *offset = (int64_t)off;
    return n;
}

int pex_cpu_count(void) {
    cpu_set_t set;
    CPU_ZERO(&set);
    if (sched_getaffinity(0, sizeof set, &set) != 0) {
        long n = sysconf(_SC_NPROCESSORS_ONLN);
        return n > 0 ? (int)n : 1;
    }
    int n = CPU_COUNT(&set);
    return n > 0 ? n : 1;
}

#elif defined(__APPLE__)
#include <sys/event.h>
#include <sys/time.h>
#include <sys/uio.h>

// kqueue keeps read and write filters separately; interest changes add/remove each filter.
static int kq_apply(int poller, int fd, uint32_t interest) {
    struct kevent ch[2];
    EV_SET(&ch[0], fd, EVFILT_READ, (interest & PEX_POLL_READ) ? EV_ADD | EV_ENABLE : EV_DISABLE, 0, 0, NULL);
    EV_SET(&ch[1], fd, EVFILT_WRITE, (interest & PEX_POLL_WRITE) ? EV_ADD | EV_ENABLE : EV_ADD | EV_DISABLE, 0, 0,
           NULL);
    return kevent(poller, ch, 2, NULL, 0, NULL);
}

int pex_poller_create(void) { return kqueue(); }
int pex_poller_add(int poller, int fd, uint32_t interest, int exclusive) {
    (void)exclusive;
    return kq_apply(poller, fd, interest);
}
int pex_poller_modify(int poller, int fd, uint32_t interest) { return kq_apply(poller, fd, interest); }
int pex_poller_remove(int poller, int fd) {
    struct kevent ch[2];
    EV_SET(&ch[0], fd, EVFILT_READ, EV_DELETE, 0, 0, NULL);
    EV_SET(&ch[1], fd, EVFILT_WRITE, EV_DELETE, 0, 0, NULL);
    kevent(poller, ch, 2, NULL, 0, NULL);
    return 0;
}
int pex_poller_wait(int poller, int32_t *fds, uint32_t *events, int max, int timeout_ms) {
    struct kevent evs[256];
    if (max > 256) max = 256;
    struct timespec ts = {timeout_ms / 1000, (timeout_ms % 1000) * 1000000L};
    int n = kevent(poller, NULL, 0, evs, max, timeout_ms < 0 ? NULL : &ts);
    for (int i = 0; i < n; i++) {
        uint32_t e = 0;
        if (evs[i].filter == EVFILT_READ) e |= PEX_POLL_READ;
        if (evs[i].filter == EVFILT_WRITE) e |= PEX_POLL_WRITE;
        if (evs[i].flags & EV_EOF) e |= PEX_POLL_HUP;
        if (evs[i].flags & EV_ERROR) e |= PEX_POLL_ERROR;
        fds[i] = (int32_t)evs[i].ident;
        events[i] = e;
    }
    return n;
}
int pex_waker_create(int *read_fd, int *write_fd) {
    int p[2];
    if (pipe(p) != 0) return -1;
    fcntl(p[0], F_SETFL, O_NONBLOCK);
    fcntl(p[1], F_SETFL, O_NONBLOCK);
    fcntl(p[0], F_SETFD, FD_CLOEXEC);
    fcntl(p[1], F_SETFD, FD_CLOEXEC);
    *read_fd = p[0];
    *write_fd = p[1];
    return 0;
}
void pex_waker_wake(int write_fd) {
    char c = 1;
    ssize_t r = write(write_fd, &c, 1);
    (void)r;
}
void pex_waker_drain(int read_fd) {
    char buf[64];
    while (read(read_fd, buf, sizeof buf) > 0) {
    }
}
int pex_accept(int fd) {
    int c = accept(fd, NULL, NULL);
    if (c >= 0) {
        fcntl(c, F_SETFL, fcntl(c, F_GETFL) | O_NONBLOCK);
        fcntl(c, F_SETFD, FD_CLOEXEC);
        int one = 1;
        setsockopt(c, SOL_SOCKET, SO_NOSIGPIPE, &one, sizeof one);
    }
    return c;
}
ssize_t pex_sendfile(int out_fd, int in_fd, int64_t *offset, size_t count) {
    off_t len = (off_t)count;
    int r = sendfile(in_fd, out_fd, (off_t)*offset, &len, NULL, 0);
    if (r != 0 && len == 0) return -1;
    *offset += len;
    return (ssize_t)len;
}
int pex_cpu_count(void) {
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? (int)n : 1;
}
#endif

int pex_set_int_option(int fd, int level, int name, int value) {
    return setsockopt(fd, level, name, &value, sizeof value);
}

void pex_set_thread_name(const char *name) {
#if defined(__linux__)
    char short_name[16];
    size_t i = 0;
    for (; name[i] != 0 && i < sizeof short_name - 1; i++) short_name[i] = name[i];
    short_name[i] = 0;
    pthread_setname_np(pthread_self(), short_name);
#elif defined(__APPLE__)
    pthread_setname_np(name);
#endif
}
