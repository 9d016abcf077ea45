"""Developer tools kept out of the shipped package: the screenshots of `make screenshots`
(devtools.screenshots and the screens of each feature, devtools.*_screens)."""
