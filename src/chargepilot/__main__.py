from chargepilot.cli import main

main()
