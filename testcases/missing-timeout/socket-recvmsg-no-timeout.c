/* Receiving a descriptor over a Unix datagram socket: recvmsg blocks until the sender shows up. */
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
    if (bind(s, (struct sockaddr *)&addr, sizeof addr) == 0 && recvmsg(s, &msg, 0) > 0) { // expect: missing-timeout
        cm = CMSG_FIRSTHDR(&msg);
        if (cm && cm->cmsg_type == SCM_RIGHTS)
            memcpy(&passed, CMSG_DATA(cm), sizeof passed);
    }
    close(s);
    unlink(path);
    return passed;
}

/*
 * check-name: recvmsg without a timeout
 * check-description: the datagram socket is created here, blocking, with no SO_RCVTIMEO: the recvmsg is reported.
 */
