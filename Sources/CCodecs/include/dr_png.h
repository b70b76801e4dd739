#ifndef DR_PNG_H
#define DR_PNG_H
#endif
