/* mailq.c - the mailq program: lists the mail queue (sendmail -bp).
 * All the work is in mailq_main() so that sendmail -bp shares it. */
#include "mailq.h"

int main(int argc, char **argv)
{
	return mailq_main(argc, argv);
}
