/* poison.h - forbid unsafe libc string calls in project code. Included last
 * by every project .c file (via the module's own header chain). */
#ifndef SM_POISON_H
#define SM_POISON_H
#include <string.h>
#include <stdio.h>
#pragma GCC poison strcpy strcat sprintf vsprintf gets
#endif
