#ifndef CHANNEL_H
#define CHANNEL_H

void channel_close(int fd);

#endif
