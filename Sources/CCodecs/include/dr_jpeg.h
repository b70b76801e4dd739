#ifndef DR_JPEG_H
#define DR_JPEG_H
#endif
