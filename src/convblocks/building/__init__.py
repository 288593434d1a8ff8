"""What runs before a block builds its layers: the `@checked` decorator and the size budget."""
