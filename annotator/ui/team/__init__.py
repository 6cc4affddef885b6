"""Team work in the desktop app: the Team menu (export, merge copies, agreement, review) and the
agreement window."""
