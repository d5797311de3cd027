/* main.c - placeholder until the mode dispatcher lands. */
#include <stdio.h>
int main(void) { return 0; }
