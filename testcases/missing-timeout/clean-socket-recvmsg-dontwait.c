/* Fixed version of socket-recvmsg-no-timeout.c for a caller that only checks for a pending descriptor:
 * MSG_DONTWAIT makes this one receive non-blocking. */
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

int receive_fd(const char *path) {
    char data;
    char ctrl[CMSG_SPACE(sizeof(int))];
    struct iovec iov = {.iov_base = &data, .iov_len = 1};
    struct msghdr msg = {.msg_iov = &iov, .msg_iovlen = 1, .msg_control = ctrl, .msg_controllen = sizeof ctrl};
    struct sockaddr_un addr = {.sun_family = AF_UNIX};
    struct cmsghdr *cm;
    int passed = -1;
    int s = socket(AF_UNIX, SOCK_DGRAM, 0);
    if (s < 0)
        return -1;
    strncpy(addr.sun_path, path, sizeof addr.sun_path - 1);
    if (bind(s, (struct sockaddr *)&addr, sizeof addr) == 0 && recvmsg(s, &msg, MSG_DONTWAIT) > 0) {
        cm = CMSG_FIRSTHDR(&msg);
        if (cm && cm->cmsg_type == SCM_RIGHTS)
            memcpy(&passed, CMSG_DATA(cm), sizeof passed);
    }
    close(s);
    unlink(path);
    return passed;
}

/*
 * check-name: recvmsg with MSG_DONTWAIT
 * check-description: MSG_DONTWAIT in the flags makes the receive non-blocking (EAGAIN when nothing is queued).
 */
